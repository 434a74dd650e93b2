package auth

import (
	"fmt"
	"strings"
)

func sscanParams(encoded string, m, t *uint32, p *uint8) (int, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) < 4 {
		return 0, nil
	}
	return fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", m, t, p)
}
