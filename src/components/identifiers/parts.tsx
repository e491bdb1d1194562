'use client'
import * as Dialog from '@radix-ui/react-dialog'
import * as Menu from '@radix-ui/react-dropdown-menu'
import { part } from '../shared/part.tsx'

/*
 * The identifier list's building blocks: each wraps one Radix part, adds `data-slot` and its class
 * and forwards the rest, so apps can restyle by `[data-slot=…][data-state=…]`.
 */
export const RowMenuRoot = Menu.Root
export const RowMenuPortal = Menu.Portal
export const RowMenuTrigger = part(Menu.Trigger, 'identifier-menu-trigger')
export const RowMenuContent = part(Menu.Content, 'identifier-menu')
export const RowMenuItem = part(Menu.Item, 'identifier-menu-item')

export const ConfirmRoot = Dialog.Root
export const ConfirmPortal = Dialog.Portal
export const ConfirmOverlay = part(Dialog.Overlay, 'identifier-dialog-overlay')
export const ConfirmContent = part(Dialog.Content, 'identifier-dialog')
export const ConfirmTitle = part(Dialog.Title, 'identifier-dialog-title')
export const ConfirmDescription = part(Dialog.Description, 'identifier-dialog-description')
