import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ConfirmGroup } from './ConfirmGroup.tsx';

const noop = () => undefined;

describe('ConfirmGroup', () => {
  it('is a group named by its question, with yes and cancel', () => {
    const html = renderToStaticMarkup(
      <ConfirmGroup
        question="End “Tea”?"
        confirmLabel="End visit"
        onConfirm={noop}
        onCancel={noop}
      />,
    );
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain('role="group"');
    expect(html).toContain(`<p id="${labelledBy}" class="confirm__question">End “Tea”?</p>`);
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('tabindex');
    expect(html.match(/<button[^>]*>([^<]*)<\/button>/g)).toEqual([
      '<button type="button" class="button button--danger">End visit</button>',
      '<button type="button" class="button button--secondary">Cancel</button>',
    ]);
  });

  it('describes itself by its consequence and shows the busy label while it works', () => {
    const html = renderToStaticMarkup(
      <ConfirmGroup
        question="Switch LiveKit off?"
        consequence="New visits use the built-in video."
        confirmLabel="Switch off"
        busy
        busyLabel="Saving…"
        focusQuestion
        className="rollout__confirm"
        onConfirm={noop}
        onCancel={noop}
      />,
    );
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain('class="confirm rollout__confirm"');
    expect(html).toContain(`<p id="${describedBy}" class="confirm__consequence">New visits`);
    expect(html).toContain('tabindex="-1"');
    expect(html).toMatch(/<button [^>]*aria-disabled="true"[^>]*>Saving…<\/button>/);
  });
});
