package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"itinera/internal/compress"
)

//go:embed assets
var assetFS embed.FS

// assetSet serves the embedded assets under content-hash names, so they
// can be cached for a year and still change with every release.
type assetSet struct {
	byName map[string]string // "app.css" -> "/assets/app.3f2a1c9d0b.css"
	files  map[string][]byte // "app.3f2a1c9d0b.css" -> content
	gz     map[string][]byte // the same, compressed once at start, when that is smaller
}

func loadAssets() (*assetSet, error) {
	a := &assetSet{byName: map[string]string{}, files: map[string][]byte{}, gz: map[string][]byte{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := path.Base(p)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.byName[name] = "/assets/" + hashed
		a.files[hashed] = b
		if compress.IsCompressible(mime.TypeByExtension(ext)) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			if _, err := zw.Write(b); err != nil {
				return err
			}
			if err := zw.Close(); err != nil {
				return err
			}
			if buf.Len() < len(b) {
				a.gz[hashed] = buf.Bytes()
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return a, nil
}

// path returns the URL of an asset; templates call it as {{asset "app.css"}}.
func (a *assetSet) path(name string) (string, error) {
	p, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("web: no asset %q", name)
	}
	return p, nil
}

func (a *assetSet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/assets/")
	b, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if z, ok := a.gz[name]; ok {
		w.Header().Add("Vary", "Accept-Encoding")
		if compress.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
			w.Header().Set("Content-Encoding", "gzip")
			b = z
		}
	}
	_, _ = w.Write(b)
}
