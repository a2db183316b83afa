// Package ledger keeps the books.
package ledger
