// Every user-facing string of the web app, in English. Keys name the page or concept first;
// `{name}` marks a value filled in at run time. Translations copy this file.
export const en = {
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

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address. Check the address, or start again.',
  'notFound.home': 'Go to the start page',

  'signIn.title': 'Staff sign in',
  'signIn.intro': 'Sign in to arrange video visits and send invite links.',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.error.email': 'Enter your email address, like name@example.com.',
  'signIn.error.password': 'Enter your password.',
  'signIn.error.credentials':
    'That email address and password do not match. Check them and try again.',
  'signIn.error.rateLimited':
    'Too many sign-in attempts. Please wait a few minutes before trying again.',

  'home.noFacility':
    'Your account is not linked to a facility yet. Ask an administrator to add you to one.',

  'dashboard.title': 'Visits',
  'dashboard.loading': 'Loading visits…',
  'dashboard.signedInAs': 'Signed in as {name}',
  'dashboard.signOut': 'Sign out',
  'dashboard.signingOut': 'Signing out…',
  'dashboard.otherFacilities': 'Your other facilities',
  'dashboard.noAccess':
    'This facility does not exist, or you do not have access to it. Ask an administrator if you need it.',
  'dashboard.visits': 'Visits',
  'dashboard.empty': 'No visits yet. Create one with the form on this page.',
  'dashboard.created': 'Visit “{title}” created. Its invite link is ready to copy below.',

  'visits.form.title': 'New visit',
  'visits.form.name': 'Visit name',
  'visits.form.name.hint': 'For example, “Tea with Mum”. Visitors see this name.',
  'visits.form.start': 'Starts',
  'visits.form.end': 'Ends',
  'visits.form.optional': 'Optional.',
  'visits.form.submit': 'Create visit',
  'visits.form.submitting': 'Creating visit…',
  'visits.form.error.title': 'Enter a name for the visit (up to 200 characters).',
  'visits.form.error.time': 'Enter a date and time, or leave this empty.',
  'visits.form.error.startNeeded': 'Enter when the visit starts, or leave both times empty.',
  'visits.form.error.endBeforeStart': 'The visit must end after it starts.',

  'visit.status.scheduled': 'Not started',
  'visit.status.live': 'Live now',
  'visit.status.ended': 'Ended',
  'visit.unscheduled': 'No set time',
  'visit.scheduleRange': '{start} to {end}',
  'visit.invite.show': 'Get invite link',
  'visit.invite.loading': 'Getting link…',
  'visit.end': 'End visit',
  'visit.end.confirm': 'End “{title}” for everyone?',
  'visit.end.yes': 'Yes, end visit',
  'visit.end.ending': 'Ending…',

  'invite.label': 'Invite link for “{title}”',
  'invite.copy': 'Copy link',
  'invite.copied': 'Link copied. Paste it into an email or message to the visitor.',
  'invite.copyFailed':
    'Your browser did not allow copying. The link is selected: press Ctrl+C (or ⌘+C) to copy it.',
  'invite.expires': 'Works until {when}.',
  'invite.newLink': 'Make a new link',

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
} as const;
