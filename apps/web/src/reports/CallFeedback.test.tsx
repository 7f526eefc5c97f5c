import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { loadMessages } from '../i18n/t.ts';
import { CallFeedback } from './CallFeedback.tsx';

await loadMessages('call');

describe('CallFeedback', () => {
  it('asks for a rating, tags and a comment as labelled groups, with Skip', () => {
    const html = renderToStaticMarkup(<CallFeedback pathname="/visits/v-1/room" />);
    expect(html).toContain('<legend>Your rating</legend>');
    expect(html.match(/type="radio"/g)).toHaveLength(5);
    expect(html).toContain('<legend>Did anything go wrong? (optional)</legend>');
    expect(html.match(/type="checkbox"/g)).toHaveLength(4);
    expect(html).toContain('Could not hear');
    expect(html).toContain('maxlength="500"');
    expect(html).toContain('500 characters left');
    expect(html).toContain('>Skip<');
  });

  it('renders nothing on a page without a call', () => {
    expect(renderToStaticMarkup(<CallFeedback pathname="/facilities/f/console" />)).toBe('');
  });
});
