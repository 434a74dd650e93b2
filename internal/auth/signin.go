package auth

import "time"

// SignInLimits bounds failed sign-ins per account and per client address:
// one address guessing many accounts, and many addresses guessing one
// account, both run out of tries. A successful sign-in costs nothing.
type SignInLimits struct {
	Account *Limiter // keyed by the e-mail address typed
	Address *Limiter // keyed by the client's address
}

// Begin takes an attempt from the account and from the client's address.
// When either is out of tries it reports false and how long to wait, and
// takes nothing. Otherwise the caller must call Succeeded if the password
// was right, which gives the attempt back.
func (l SignInLimits) Begin(account, address string) (ok bool, wait time.Duration) {
	if ok, wait = l.Address.Take(address); !ok {
		return false, wait
	}
	if ok, wait = l.Account.Take(account); !ok {
		l.Address.Refund(address)
		return false, wait
	}
	return true, 0
}

// Succeeded gives back the attempt Begin took for a right password.
func (l SignInLimits) Succeeded(account, address string) {
	l.Address.Refund(address)
	l.Account.Refund(account)
}
