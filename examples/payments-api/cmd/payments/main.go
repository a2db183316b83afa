//go:debug x509usefallbackroots=0

// Command payments serves the payments API.
package main

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

func main() {
	// Keep the heap small on the tiny staging nodes; production overrides GOGC in its env.
	debug.SetGCPercent(80)
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	if err := http.ListenAndServe(":8080", nil); err != nil {
		panic(err)
	}
}
