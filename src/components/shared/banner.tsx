/** An error message for the whole form: announced when it appears. Renders nothing without text. */
export function Banner({ children }: { children: string | null | undefined }) {
  if (!children) return null
  return (
    <p role="alert" data-slot="banner" className="uk-banner">
      {children}
    </p>
  )
}
