// Focus for an element that appears because of what the person just did (a form a button opened,
// a menu's first item): a ref callback of one identity, so it runs once, when the element mounts.
// The `autofocus` attribute does not do this: a browser honours it once per page, at load.

/** `ref={focusOnMount}`: focuses the element when it is put in the page. */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
