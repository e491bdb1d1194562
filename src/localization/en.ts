/**
 * The English catalog: every string the kit shows. Other languages are a `localization` object
 * of the same shape (any subset) given to <UserkitProvider>. Placeholders are `{name}`.
 */
export const en = {
  common: {
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    close: 'Close',
    loading: 'Loading…',
  },
  userButton: {
    openMenu: 'Open user menu',
    menuLabel: 'Account actions',
    manageAccount: 'Manage account',
    signOut: 'Sign out',
  },
  userProfile: {
    navLabel: 'Account settings',
    pages: {
      account: 'Account',
      security: 'Security',
    },
    pageDescriptions: {
      account: 'Manage your account information.',
      security: 'Manage your security preferences.',
    },
    profile: {
      title: 'Profile',
      edit: 'Update profile',
      editTitle: 'Update profile',
      imageLabel: 'Profile image',
      upload: 'Upload image',
      remove: 'Remove image',
      imageHint: 'PNG, JPEG, GIF or WebP, up to {size} MB.',
      imageWrongType: 'This file is not a PNG, JPEG, GIF or WebP image. Choose another file.',
      imageTooLarge: 'This image is larger than {size} MB. Choose a smaller one.',
      firstName: 'First name',
      lastName: 'Last name',
    },
    username: {
      title: 'Username',
      edit: 'Update username',
      add: 'Set username',
      empty: 'No username yet',
      label: 'Username',
    },
  },
  signIn: {
    title: 'Sign in',
    identifier: 'Email address or username',
    password: 'Password',
    submit: 'Continue',
    pending: 'Signing in…',
  },
  /** Texts for the server's error codes; an unknown code falls back to the server's message, then `unknown`. */
  errors: {
    unknown: 'Something went wrong. Please try again.',
    network_error: 'Could not reach the server. Check your connection and try again.',
    unexpected_response: 'The server sent an unexpected answer. Please try again.',
    too_many_requests: 'Too many attempts. Try again in {seconds} seconds.',
    too_many_requests_later: 'Too many attempts. Try again later.',
    signed_out: 'You are signed out. Sign in again to continue.',
    form_identifier_not_found: 'No account was found with this email address or username.',
    form_password_incorrect: 'The password is incorrect. Try again.',
    form_identifier_exists: 'This is already taken. Please try another.',
    form_username_invalid_length: 'Usernames must be between {min} and {max} characters long.',
    form_username_invalid_character: 'Usernames may contain only letters, numbers, “_” and “-”.',
    form_param_format_invalid: 'This value is not in a valid format.',
    form_param_missing: 'This field is required.',
    form_param_nil: 'This field is required.',
    form_param_max_length_exceeded: 'This value is too long.',
    form_image_invalid: 'This file is not a PNG, JPEG, GIF or WebP image.',
    form_image_too_large: 'This image is too large.',
    request_body_too_large: 'This file is too large.',
  },
}

export type Messages = typeof en
