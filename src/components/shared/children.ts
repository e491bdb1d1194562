import { Children, Fragment, type ReactElement, type ReactNode, isValidElement } from 'react'

/** The element children, with fragments opened, so `<>…</>` groups behave like their contents. */
export function elements(children: ReactNode): ReactElement[] {
  return Children.toArray(children).flatMap((child) =>
    isValidElement<{ children?: ReactNode }>(child)
      ? child.type === Fragment
        ? elements(child.props.children)
        : [child]
      : [],
  )
}
