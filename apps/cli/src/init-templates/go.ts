/** `project init go`: a Go server using only net/http; `go run .` builds it on first start. */
import type { Template } from './template-types.ts';

export const go: Template = {
  language: 'go',
  label: 'Go 1.22+ (net/http, no dependencies)',
  command: 'go run .',
  startTimeout: 120,
  files: {
    'go.mod': `module bookmarks-api

go 1.22
`,
    'main.go': `// A minimal bookmarks API: for now it only answers GET /health. Build the rest stage by stage.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, mux))
}
`,
  },
};
