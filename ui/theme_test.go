package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// over is c drawn over an opaque background.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA()
	br, bgc, bb, _ := bg.RGBA()
	// RGBA is premultiplied: c's share is already scaled by its alpha.
	mix := func(f, k uint32) uint8 { return uint8((f + k*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{mix(r, br), mix(g, bgc), mix(b, bb), 0xff}
}

// Every text and state colour reads at WCAG AA (4.5:1) on every
// background it is drawn on, in both variants, and so does text on the
// coloured buttons.
func TestThemeContrast(t *testing.T) {
	th := newAppTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		bg := c(theme.ColorNameBackground)
		backgrounds := map[string]color.Color{
			"background":       bg,
			"input background": over(c(theme.ColorNameInputBackground), bg),
			"dialog":           over(c(theme.ColorNameOverlayBackground), bg),
			"header":           over(c(theme.ColorNameHeaderBackground), bg),
		}
		texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
			theme.ColorNamePrimary, theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameHyperlink}
		for _, text := range texts {
			for where, b := range backgrounds {
				if r := contrast(c(text), b); r < 4.5 {
					t.Errorf("%s: %s text on the %s is %.2f:1, want 4.5:1", name, text, where, r)
				}
			}
		}
		for fill, text := range map[fyne.ThemeColorName]fyne.ThemeColorName{
			theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary, theme.ColorNameError: theme.ColorNameForegroundOnError,
			theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess, theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		} {
			if r := contrast(c(text), c(fill)); r < 4.5 {
				t.Errorf("%s: text on a %s button is %.2f:1", name, fill, r)
			}
		}
		// The focus ring is drawn just outside the control, on the window or
		// dialog background: those pixels change by at least 3:1 when the
		// control takes the focus.
		// The focus tint (Fyne's mark around a focused check box; buttons
		// and lists draw the ring instead) shows 3:1 on the window.
		if r := contrast(over(c(theme.ColorNameFocus), bg), bg); r < 3 {
			t.Errorf("%s: the focus tint on the background is %.2f:1, want 3:1", name, r)
		}
		ring := focusRingColorFor(th, v)
		for where, b := range backgrounds {
			if r := contrast(ring, b); r < 3 {
				t.Errorf("%s: the focus ring on the %s is %.2f:1, want 3:1", name, where, r)
			}
		}
	}
}
