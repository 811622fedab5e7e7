package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme with the colours that carry meaning made
// readable by everyone: text and state colours at WCAG 2.2 AA contrast
// (4.5:1) against every background they are drawn on, read-only fields
// included, in the light and the dark variant. Fyne 2.7's defaults put the
// light theme's green "attended" at 1.5:1 and disabled (signed-off) fields
// at 1.4:1. theme_test.go measures every pair.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// colours replaces some of the default theme's colours, by variant.
var colours = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameForeground:          color.NRGBA{0x21, 0x21, 0x21, 0xff},
		theme.ColorNameDisabled:            color.NRGBA{0x5c, 0x5c, 0x5c, 0xff},
		theme.ColorNamePlaceHolder:         color.NRGBA{0x63, 0x63, 0x63, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x15, 0x5f, 0xb8, 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{0x15, 0x5f, 0xb8, 0xff},
		theme.ColorNameError:               color.NRGBA{0xb7, 0x1c, 0x1c, 0xff},
		theme.ColorNameSuccess:             color.NRGBA{0x1b, 0x6e, 0x2c, 0xff},
		theme.ColorNameWarning:             color.NRGBA{0x8a, 0x4b, 0x00, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnError:   color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnSuccess: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnWarning: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameFocus:               color.NRGBA{0x15, 0x5f, 0xb8, 0xb3},
	},
	theme.VariantDark: {
		theme.ColorNameDisabled:            color.NRGBA{0x9a, 0x9a, 0x9a, 0xff},
		theme.ColorNamePlaceHolder:         color.NRGBA{0xa8, 0xa8, 0xa8, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x5c, 0xa8, 0xff, 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{0x5c, 0xa8, 0xff, 0xff},
		theme.ColorNameError:               color.NRGBA{0xff, 0x6e, 0x63, 0xff},
		theme.ColorNameSuccess:             color.NRGBA{0x5d, 0xd8, 0x5a, 0xff},
		theme.ColorNameWarning:             color.NRGBA{0xff, 0xa7, 0x26, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0x10, 0x10, 0x10, 0xff},
		theme.ColorNameForegroundOnError:   color.NRGBA{0x10, 0x10, 0x10, 0xff},
		theme.ColorNameForegroundOnSuccess: color.NRGBA{0x10, 0x10, 0x10, 0xff},
		theme.ColorNameForegroundOnWarning: color.NRGBA{0x10, 0x10, 0x10, 0xff},
		theme.ColorNameFocus:               color.NRGBA{0x5c, 0xa8, 0xff, 0x99},
	},
}

func (t appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := colours[v][name]; ok {
		return c
	}
	return t.Theme.Color(name, v)
}

// focusRingColor is the ring around a focused button or list: the text
// colour, so it stands out (at least 3:1) from the window and the
// button alike.
func focusRingColor(t fyne.Theme) color.Color {
	return focusRingColorFor(t, fyne.CurrentApp().Settings().ThemeVariant())
}

func focusRingColorFor(t fyne.Theme, v fyne.ThemeVariant) color.Color {
	return t.Color(theme.ColorNameForeground, v)
}

// contrast is the WCAG contrast ratio of two opaque colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of c, from 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
