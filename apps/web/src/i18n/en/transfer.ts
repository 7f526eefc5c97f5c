// The console's strings for moving a waiting visitor to another visit, and the role label of a
// person added to a call. Part of the staff catalogue (./staff.ts).
export const transfer = {
  'console.role.interpreter': 'Interpreter',
  'console.role.relative': 'Relative',
  'console.role.colleague': 'Colleague',
  'console.move': 'Move to…',
  'console.move.label': 'Move {name} to another visit',
  'console.move.to': 'Move {name} to',
  'console.move.none': 'No other open visit to move to.',
  'console.move.confirm': 'Move',
  'console.move.done': '{name} now waits for “{title}”, keeping their place by arrival time.',
  'console.move.otherFacility': 'A visitor can only be moved to a visit of the same facility.',
  'console.move.ended': 'That visit has ended. Choose an open visit.',
  'console.move.notWaiting': 'This visitor is no longer waiting, so they cannot be moved.',
  'console.admit.full': 'The call is full ({present} of {max}). Let them in once someone has left.',
} as const;
