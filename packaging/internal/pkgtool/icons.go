package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// readIcon decodes the square PNG app icon.
func readIcon(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 256 {
		return nil, fmt.Errorf("%s: the icon must be square and at least 256 pixels wide, not %dx%d", path, b.Dx(), b.Dy())
	}
	return img, nil
}

// scaledPNG returns the icon scaled to size×size as PNG bytes.
func scaledPNG(src image.Image, size int) ([]byte, error) {
	var dst image.Image = src
	if src.Bounds().Dx() != size {
		scaled := image.NewNRGBA(image.Rect(0, 0, size, size))
		draw.CatmullRom.Scale(scaled, scaled.Bounds(), src, src.Bounds(), draw.Src, nil)
		dst = scaled
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, dst); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ICOSizes are the sizes in the Windows icon: the small icon (16), the
// taskbar and Alt+Tab (32, 48), and large Explorer views (256).
var ICOSizes = []int{16, 24, 32, 48, 64, 256}

// ICO encodes the icon at ICOSizes as a Windows .ico file whose entries
// are PNG images, which Windows reads since Vista.
func ICO(src image.Image) ([]byte, error) {
	images := make([][]byte, len(ICOSizes))
	for i, size := range ICOSizes {
		var err error
		if images[i], err = scaledPNG(src, size); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), number of images.
	binary.Write(&buf, binary.LittleEndian, [3]uint16{0, 1, uint16(len(images))})
	offset := 6 + 16*len(images)
	for i, size := range ICOSizes {
		dim := uint8(size)
		if size >= 256 {
			dim = 0 // 0 means 256
		}
		// ICONDIRENTRY: width, height, colours, reserved, planes,
		// bits per pixel, size of the data, where it starts.
		buf.Write([]byte{dim, dim, 0, 0})
		binary.Write(&buf, binary.LittleEndian, []uint16{1, 32})
		binary.Write(&buf, binary.LittleEndian, []uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		buf.Write(img)
	}
	return buf.Bytes(), nil
}

// HicolorSizes are the sizes the Linux archive installs in the freedesktop
// icon theme (a desktop picks the nearest; 512 is the original).
var HicolorSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// WriteHicolorIcons writes dir/<n>x<n>/apps/<name>.png for HicolorSizes.
func WriteHicolorIcons(iconPath, dir, name string) error {
	src, err := readIcon(iconPath)
	if err != nil {
		return err
	}
	for _, size := range HicolorSizes {
		data, err := scaledPNG(src, size)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, fmt.Sprintf("%dx%d", size, size), "apps", name+".png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
