// The waiting visitor's conversation with staff and estimated wait: loaded with the call's strings,
// after the waiting room's first load (see ../../lobby-thread/WaitingThread.tsx).
export const waitingThread = {
  'lobby.messages.title': 'Messages with staff',
  'lobby.message.from': '{name} says:',
  'lobby.message.you': 'You said:',
  'lobby.reply.label': 'Answer staff',
  'lobby.reply.send': 'Send answer',
  'lobby.reply.sending': 'Sending…',
  'lobby.reply.wait': 'Please wait {seconds} seconds before sending another message.',
  'lobby.reply.limit':
    'You have sent as many messages as this waiting room allows. Staff will be with you.',
  'lobby.reply.invalid':
    'This message cannot be sent. Keep it under {max} characters of plain text.',
  'lobby.estimate.range': 'Estimated wait: about {from}–{to} minutes.',
  'lobby.estimate.under': 'Estimated wait: less than {to} minutes.',
  'lobby.estimate.basis': 'From how long visitors here waited recently.',
} as const;
