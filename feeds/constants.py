# The window a feed covers, counted from today: what is still worth seeing behind, and far
# enough ahead for a whole contract year and the next.
WINDOW_PAST_DAYS = 90
WINDOW_FUTURE_DAYS = 730

# Bytes of randomness in a feed's nonce (32 hex characters, then 64 of its HMAC, in the address).
NONCE_BYTES = 16
