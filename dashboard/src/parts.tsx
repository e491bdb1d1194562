'use client'
import * as Dialog from '@radix-ui/react-dialog'
import * as Menu from '@radix-ui/react-dropdown-menu'
import { createContext, useContext } from 'react'
import { part } from '../../src/components/shared/part.tsx'

/**
 * Where dialogs and menus portal: the dashboard's theme scope (`[data-uk-theme]`), so they get its
 * light or dark tokens. `undefined` portals to <body>.
 */
export const PortalContainer = createContext<HTMLElement | undefined>(undefined)

/** The portal container of the nearest dashboard scope. */
export const usePortalContainer = () => useContext(PortalContainer)

export const DialogRoot = Dialog.Root
export const DialogPortal = Dialog.Portal
export const DialogOverlay = part(Dialog.Overlay, 'dashboard-overlay')
export const DialogContent = part(Dialog.Content, 'dashboard-dialog')
export const DialogTitle = part(Dialog.Title, 'dashboard-dialog-title')
export const DialogDescription = part(Dialog.Description, 'dashboard-dialog-description')
export const DialogClose = Dialog.Close

export const MenuRoot = Menu.Root
export const MenuTrigger = part(Menu.Trigger, 'dashboard-menu-trigger')
export const MenuPortal = Menu.Portal
export const MenuContent = part(Menu.Content, 'dashboard-menu')
export const MenuItem = part(Menu.Item, 'dashboard-menu-item')
