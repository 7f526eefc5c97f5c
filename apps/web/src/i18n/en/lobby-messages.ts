// Staff strings of the waiting room's conversation: the thread on a waiting visitor's card, the
// canned messages offered while writing, and the dashboard panel where administrators edit them.
export const lobbyMessages = {
  'console.thread.title': 'Messages with {name}',
  'console.thread.visitor': '{name} answered:',
  'console.thread.staff': '{name}:',
  'console.canned.title': 'Quick messages to {name}, sent at once',
  'canned.title': 'Quick messages for waiting visitors',
  'canned.intro':
    'Staff can send these with one click to someone waiting. Visitors can answer, and staff see the answers on the waiting card.',
  'canned.label': 'One message per line (up to {count})',
  'canned.save': 'Save quick messages',
  'canned.saved': 'Quick messages saved.',
  'canned.defaults': 'These are the suggested messages; save to keep your own.',
  'canned.tooMany':
    'Keep it to {count} messages of at most {max} characters each, without repeats.',
} as const;
