// Package casegen makes realistic, valid, entirely fictional cases for
// tests, benchmarks (docs/PERFORMANCE.md) and the demo vault: the same
// seed always gives the same cases. It sits outside package cases so the
// domain carries no generator, and it imports nothing but cases and search.
package casegen
