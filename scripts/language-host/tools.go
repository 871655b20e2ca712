//go:build tools

// Keeps the Pulumi CLI in this module's requirements so `go mod tidy` pins it to the same version as
// the SDK, and the script builds both from one module graph.
package main

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
