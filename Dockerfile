# Multi-stage build of kg: a static binary (pure Go, CGO_ENABLED=0) on a
# small runtime image. Used by docker-compose.yml's kg service.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kg ./cmd/kg

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kg /usr/local/bin/kg
USER nonroot
ENTRYPOINT ["/usr/local/bin/kg"]
CMD ["--help"]
