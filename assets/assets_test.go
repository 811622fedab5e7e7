package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIcon(t *testing.T) {
	if Icon.Name() != "icon.png" {
		t.Errorf("Icon.Name() = %q, want %q", Icon.Name(), "icon.png")
	}
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("decoding icon: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() {
		t.Errorf("icon is %dx%d, want square", b.Dx(), b.Dy())
	}
	if b.Dx() < 256 {
		t.Errorf("icon is %dpx wide, want at least 256", b.Dx())
	}
	_, _, _, a := img.At(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/2).RGBA()
	if a != 0xffff {
		t.Errorf("icon centre alpha = %#x, want opaque", a)
	}
}
