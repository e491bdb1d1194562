/** The demo app's own words (the kit's come from its catalog). */
export const copy = {
  brand: 'Acme',
  home: 'Home',
  account: 'Account',
  welcome: 'Welcome back, {name}.',
  intro: 'This is a demo app using userkit. Open the menu at the top right, or go to your account page.',
  signInTitle: 'Sign in to Acme',
  signInHint: 'Use the demo credentials that `npm start` printed.',
  accountTitle: 'Your account',
  backendTitle: 'Your backend',
  backendAsking: 'Asking the demo’s API who you are…',
  backendSays: 'The demo’s API verified your session token: you are {id}.',
  backendFailed: 'The demo’s API could not verify your session token ({status}).',
}
