// The visitor's strings: the invite page, the waiting room, and what every page shares (the
// frame, common words, error sentences, "page not found"). In the entry bundle, so keep it lean.
export const visitor = {
  'app.name': 'OpenConnect',
  'app.documentTitle': '{page} – OpenConnect',
  'app.skipToContent': 'Skip to main content',

  'common.loading': 'Loading…',
  'common.tryAgain': 'Try again',
  'common.cancel': 'Cancel',
  'common.dismiss': 'Dismiss',

  'error.network':
    'We could not reach OpenConnect. Please check your internet connection and try again.',
  'error.unauthenticated': 'Your session has ended. Please sign in again.',
  'error.forbidden': 'You do not have access to this. Ask an administrator if you need it.',
  'error.notFound': 'We could not find what you were looking for. It may have been removed.',
  'error.rateLimited': 'There have been too many attempts. Please wait a minute, then try again.',
  'error.validation': 'Some of the details are not right. Please check them and try again.',
  'error.unavailable':
    'Video visits are having a problem right now. Please try again in a few minutes.',
  'error.generic': 'Something went wrong on our side. Please try again.',
  'error.generic.withReference':
    'Something went wrong on our side. Please try again. If it keeps happening, quote reference {reference}.',

  'error.page.title': 'This page stopped working',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address. Check the address, or start again.',
  'notFound.home': 'Go to the start page',

  'landing.loading.title': 'Opening your invitation',
  'landing.loading': 'Opening your invitation…',
  'landing.eyebrow': 'You are invited to a video visit',
  'landing.facilityLabel': 'With',
  'landing.whenLabel': 'When',
  'landing.when.unscheduled': 'No set time: staff will let you know',
  'landing.statusLabel': 'Right now',
  'landing.status.scheduled': 'The visit has not started yet',
  'landing.status.live': 'The visit is happening now',
  'landing.status.ended': 'The visit has ended',
  'landing.expiresLabel': 'This link works until',
  'landing.next.title': 'What happens next',
  'landing.next.body':
    'You will wait in a waiting room until a member of staff at {facility} lets you in. Then you can see and hear each other.',
  'landing.next.privacy':
    'You do not need an account or an app: everything happens in this browser.',
  'landing.gone.title': 'This invite link no longer works',
  'landing.gone.body':
    'Links stop working when they expire, when they are withdrawn, or when the visit has ended. Please ask the person who invited you for a new link.',
  'landing.notFound.title': 'We cannot find this invite link',
  'landing.notFound.body':
    'The link may be incomplete: sometimes part of it is lost when it is copied. Try opening it again from the message you received, or ask the person who invited you to send it again.',
  'landing.ended.title': 'This visit has ended',
  'landing.ended.body':
    'Thank you for visiting. If you would like another visit, please ask the person who invited you for a new link.',
  'landing.failed.title': 'We could not open your invitation',

  'landing.getReady': 'Get ready to join',

  'lobby.title': 'Get ready for your visit',
  'lobby.intro': 'Check that your camera and microphone work, then tell staff who you are.',
  'lobby.preview.label': 'Your camera preview',
  'lobby.preview.starting': 'Starting your camera and microphone…',
  'lobby.preview.off': 'No camera picture',
  'lobby.camera': 'Camera',
  'lobby.microphone': 'Microphone',
  'lobby.level': 'Microphone level',
  'lobby.level.hint': 'Say something: the bar moves when your microphone hears you.',
  'lobby.problem.denied.title': 'Your browser is not allowing the camera and microphone',
  'lobby.problem.denied':
    'Click the camera icon in the address bar (or open the site settings), allow camera and microphone, then press “Try again”. You can still join without them: others will not see or hear you.',
  'lobby.problem.noDevices.title': 'We could not find a camera or microphone',
  'lobby.problem.noDevices':
    'Check that they are plugged in and switched on, then press “Try again”. You can still join to see and hear the others.',
  'lobby.problem.noCamera':
    'We could not find a camera. Others will hear you but not see you. If you have one, plug it in and press “Try again”.',
  'lobby.problem.noMicrophone':
    'We could not find a microphone. Others will see you but not hear you. If you have one, plug it in and press “Try again”.',
  'lobby.problem.inUse.title': 'Your camera or microphone is busy',
  'lobby.problem.inUse':
    'Another app or browser tab may be using it. Close that app, then press “Try again”.',
  'lobby.problem.insecure.title': 'This page cannot use your camera',
  'lobby.problem.insecure':
    'Open the invite link exactly as you received it (starting with https://), then try again.',
  'lobby.problem.unknown.title': 'Your camera or microphone did not start',
  'lobby.problem.unknown':
    'Press “Try again”. If it still does not work, try restarting your browser.',
  'lobby.retryDevices': 'Try again',
  'lobby.name': 'Your name',
  'lobby.name.hint': 'Staff see this name when you ask to join.',
  'lobby.name.error': 'Enter your name (up to 80 characters).',
  'lobby.ask': 'Ask to join',
  'lobby.asking': 'Asking to join…',
  'lobby.error.rateLimited':
    'There have been too many requests to join this visit. Please wait a little, then try again.',
  'lobby.error.rateLimitedFor':
    'There have been too many requests to join this visit. Please try again in {seconds} seconds.',
  'lobby.resuming': 'Checking your place in the waiting room…',
  'lobby.waiting.title': 'Waiting for staff to let you in',
  'lobby.waiting.body': 'Staff at {facility} know you are here. Please keep this page open.',
  'lobby.waiting.position': 'You are number {position} in line.',
  'lobby.waiting.next': 'You are next in line.',
  'lobby.moved': 'You were moved to {title}. Please keep waiting.',
  'lobby.waiting.since': 'Waiting since {time}.',
  'lobby.waiting.minutes': 'You have been waiting for {minutes} min.',
  'lobby.waiting.justNow': 'You have just arrived.',
  'lobby.waiting.reconnecting': 'Connection lost. Reconnecting… you keep your place in line.',
  'lobby.cancel': 'Stop waiting',
  'lobby.cancelling': 'Leaving the waiting room…',
  'lobby.admitted': 'Staff let you in. Joining the visit…',
} as const;
