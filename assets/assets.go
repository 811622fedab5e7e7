// Package assets holds the static resources bundled into the Strategy
// Minutes binary.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./internal/genicon -o icon.png

//go:embed icon.png
var iconPNG []byte

// Icon is the 512x512 PNG application icon: a sheet of minutes beside three
// interlinked rings, representing multi-agency safeguarding. Use it with
// fyne.App.SetIcon and fyne.Window.SetIcon.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
