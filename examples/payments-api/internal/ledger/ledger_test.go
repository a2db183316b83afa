//go:debug httpmuxgo121=1

package ledger

import "testing"

func TestLedger(t *testing.T) {
	if 1+1 != 2 {
		t.Fatal("arithmetic")
	}
}
