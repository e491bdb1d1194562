'use client'
import { useState } from 'react'
import { UserkitApiError } from '../../api/errors.ts'
import type { User } from '../../api/types.ts'
import type { Messages } from '../../localization/en.ts'
import { IdentifierSectionView } from '../identifiers/identifier-section.view.tsx'
import { PhoneField } from '../identifiers/phone-field.tsx'
import { formatPhone, loadPhoneLib, toE164, usePhoneLib } from '../identifiers/phone-lib.ts'
import type { IdentifierFlow } from '../identifiers/types.ts'

export interface PhoneNumbersSectionViewProps {
  user: User
  messages: Messages
  /** The country chosen at first in the add form (ISO 3166 alpha-2). Default: `'US'`. */
  defaultCountry?: string
  /** Adds a number (sent in E.164 when it parses) and resolves to its id. Without it, there is no Add button. */
  onAdd?: (phoneNumber: string) => Promise<string>
  /** Sends a code by SMS. Without it, numbers cannot be verified here. */
  onPrepare?: (id: string) => Promise<unknown>
  /** Checks a code. */
  onAttempt?: (id: string, code: string) => Promise<unknown>
  /** Makes a verified number primary. Without it, the menu has no "Set as primary". */
  onSetPrimary?: (id: string) => Promise<unknown>
  /** Removes a number. Without it, the menu has no "Remove". */
  onRemove?: (id: string) => Promise<unknown>
  /** The step to start at (stories, tests). Default: the list. */
  defaultFlow?: IdentifierFlow
  /** Open the remove confirmation for this id at first (stories, tests). */
  defaultRemoveId?: string
  /** The language of the country names. Default: the browser's. */
  locale?: string
  className?: string
}

/** Phone numbers: the list with badges, adding with a country and formatting as you type, verifying by SMS code. */
export function PhoneNumbersSectionView({
  user,
  messages,
  defaultCountry = 'US',
  onAdd,
  onPrepare,
  onAttempt,
  onSetPrimary,
  onRemove,
  defaultFlow,
  defaultRemoveId,
  locale,
  className,
}: PhoneNumbersSectionViewProps) {
  const t = messages.userProfile.phoneNumbers
  const lib = usePhoneLib()
  const [country, setCountry] = useState(defaultCountry)
  const items = user.phoneNumbers.map((p) => ({
    id: p.id,
    label: formatPhone(lib, p.phoneNumber),
    verified: p.verification?.status === 'verified',
  }))
  const add =
    onAdd &&
    (async (text: string) => {
      const loaded = await loadPhoneLib().catch(() => null)
      // The server's parse is the truth; this only spares a round trip for what cannot be a number.
      if (loaded && !loaded.parsePhoneNumberFromString(text, loaded.isSupportedCountry(country) ? country : undefined)?.isValid()) {
        const message = messages.errors.form_param_format_invalid
        throw new UserkitApiError(422, [{ code: 'form_param_format_invalid', message, longMessage: message, meta: { paramName: 'phone_number' } }])
      }
      return onAdd(loaded ? toE164(loaded, text, country) : text)
    })
  return (
    <IdentifierSectionView
      sectionId="phone-numbers"
      strings={t}
      messages={messages}
      items={items}
      primaryId={user.primaryPhoneNumberId}
      param="phoneNumber"
      methods={['code']}
      onAdd={add}
      onPrepare={onPrepare && ((id) => onPrepare(id))}
      onAttempt={onAttempt}
      onSetPrimary={onSetPrimary}
      onRemove={onRemove}
      defaultFlow={defaultFlow}
      defaultRemoveId={defaultRemoveId}
      className={className}
      renderField={(field) => (
        <PhoneField
          {...field}
          lib={lib}
          label={t.label}
          countryLabel={t.country}
          hint={t.hint}
          country={country}
          onCountryChange={setCountry}
          locale={locale}
        />
      )}
    />
  )
}
