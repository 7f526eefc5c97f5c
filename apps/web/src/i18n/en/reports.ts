// The reports' strings. `callFeedback` belongs to the call part (visitors and hosts see it on the
// call's end screens, see call.ts); `reports` to the staff part (the reports page, see staff.ts).
export const callFeedback = {
  'feedback.title': 'How was the call?',
  'feedback.intro': 'Optional. Your answer helps make video visits work better.',
  'feedback.rating': 'Your rating',
  'feedback.rating.1': '1 – very poor',
  'feedback.rating.2': '2 – poor',
  'feedback.rating.3': '3 – fair',
  'feedback.rating.4': '4 – good',
  'feedback.rating.5': '5 – very good',
  'feedback.tags': 'Did anything go wrong? (optional)',
  'feedback.tag.could_not_hear': 'Could not hear',
  'feedback.tag.could_not_see': 'Could not see',
  'feedback.tag.call_dropped': 'Call dropped',
  'feedback.tag.hard_to_join': 'Hard to join',
  'feedback.comment': 'Comment (optional)',
  'feedback.comment.left': '{count} characters left',
  'feedback.send': 'Send feedback',
  'feedback.sending': 'Sending…',
  'feedback.skip': 'Skip',
  'feedback.empty': 'Choose a rating, tick what went wrong or write a comment – or skip.',
  'feedback.failed': 'Your feedback could not be sent. Try again, or skip it.',
  'feedback.thanks': 'Thank you for your feedback.',
  'feedback.skipped': 'No feedback sent.',
} as const;

export const reports = {} as const;
