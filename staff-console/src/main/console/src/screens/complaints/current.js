// The frame may start a screen's render while an earlier one still waits for the API (a language switch, then a
// link): only the workbench's latest render may write into the page, so a late answer never shows an old screen.
let latest = 0;

/** Claims the view for a render; the function returned says whether that render is still the latest. */
export function claimView() {
  const mine = ++latest;
  return () => mine === latest;
}
