module example.com/payments-api

go 1.23

godebug (
	httpmuxgo121=0
)
