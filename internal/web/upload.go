package web

import (
	"mime"
	"net/http"
)

// Forms that send a file (enctype multipart/form-data), such as the
// program file's upload: their CSRF token and fields are read like any
// form's, the file is left to the handler (r.FormFile), parts beyond
// uploadMemory going to temporary files the server removes.

// maxUploadBytes bounds a posted form with a file: a program file (at most
// programfile.MaxSize, 32 MiB) and the form around it. Only signed-in
// users send files; anyone else's form keeps maxFormBytes.
const maxUploadBytes = 33 << 20

// uploadMemory is how much of an upload is kept in memory.
const uploadMemory = 1 << 20

func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// formLimit is the size a posted form may have.
func formLimit(r *http.Request, s *session) int64 {
	if s != nil && isMultipart(r) {
		return maxUploadBytes
	}
	return maxFormBytes
}

// parseForm reads a posted form, with its files when it has some.
func parseForm(r *http.Request) error {
	if isMultipart(r) {
		return r.ParseMultipartForm(uploadMemory)
	}
	return r.ParseForm()
}
