/**
 * The English catalog: every string the kit shows. Other languages are a `localization` object
 * of the same shape (any subset) given to <UserkitProvider>. Placeholders are `{name}`.
 */
export const en = {
  userButton: {
    openMenu: 'Open user menu',
    menuLabel: 'Account actions',
    manageAccount: 'Manage account',
    signOut: 'Sign out',
  },
  errors: {
    unknown: 'Something went wrong. Please try again.',
  },
}

export type Messages = typeof en
