// The call's strings for adding someone (interpreter, relative, colleague) and the role labels on
// their tiles. Part of the call catalogue (./call.ts).
export const addPerson = {
  'room.role.interpreter': 'Interpreter',
  'room.role.relative': 'Relative',
  'room.role.colleague': 'Colleague',
  'call.add.title': 'Add someone to this call',
  'call.add.hint': 'Make a link for one person. It works once and expires in 2 hours.',
  'call.add.capacity': '{present} of {max} places in use, {pending} more invited.',
  'call.add.open': 'Add a person…',
  'call.add.role': 'Who are you adding?',
  'call.add.arrival': 'When they open the link',
  'call.add.arrival.wait': 'They wait until you let them in',
  'call.add.arrival.admit': 'Let them in on arrival',
  'call.add.arrival.admit.hint': 'Only while the call has room; otherwise they wait.',
  'call.add.create': 'Create link',
  'call.add.creating': 'Creating link…',
  'call.add.link': 'Link for the {role}',
  'call.add.link.admit': 'They will be let in when they arrive.',
  'call.add.link.wait': 'They will wait until you let them in (see “Waiting”).',
  'call.add.another': 'Add another person',
  'call.add.full':
    'This call is full: {max} people is the most it allows ({present} in the call, {pending} invited and not yet here). Someone must leave, or withdraw an unused invite, before you add another person.',
  'call.add.ended': 'This visit has ended, so nobody can be added.',
} as const;
