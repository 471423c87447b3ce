package main

import (
	"context"
	"errors"
)

func openPostgres(ctx context.Context, url string) (campaignStore, error) {
	return nil, errors.New("postgres: not yet")
}
