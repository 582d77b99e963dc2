using Probe.Bare;

// The smallest ASP.NET Core server that does the work of the sandbox's hot paths. It returns a
// fixed JSON document, reads one resource's stored JSON bytes by id from SQLite, searches stored
// JSON rows by patient through an index, and runs a stateless SMART handshake.
// Usage: Probe.Bare --urls http://127.0.0.1:<port> [--Probe:Database <SQLite file>]
//        [--Probe:SearchDatabase <SQLite file with a search_row table>]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
var document = FixedDocument.Create();
var reader = new RawResourceReader(app.Configuration["Probe:Database"]);
var searcher = new RawSearchReader(app.Configuration["Probe:SearchDatabase"]);
var handshake = new HandshakeProbe(TimeProvider.System);

app.MapGet("/json", () => Results.Bytes(document, "application/json"));
app.MapGet(
    "/raw/{type}/{id}",
    async (string type, string id, CancellationToken cancellationToken) =>
    {
        var body = await reader.ReadAsync(type, id, cancellationToken);
        return body is null ? Results.NotFound() : Results.Bytes(body, "application/fhir+json");
    });
app.MapGet(
    "/search/{type}",
    async (string type, string patient, int? _count, CancellationToken cancellationToken) =>
        Results.Bytes(await searcher.SearchAsync(type, patient, _count ?? 20, cancellationToken), "application/fhir+json"));

app.MapGet(
    "/fhir/.well-known/smart-configuration",
    (HttpRequest request) => Results.Bytes(HandshakeProbe.CreateDiscovery($"{request.Scheme}://{request.Host}"), "application/json"));
app.MapGet("/auth/authorize", (HttpRequest request) =>
{
    var (location, error) = handshake.Authorize(request.Query);
    return location is null ? Results.BadRequest(new { error = "invalid_request", error_description = error }) : Results.Redirect(location);
});
app.MapPost("/auth/token", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
    var (body, error) = handshake.Redeem(form, $"{request.Scheme}://{request.Host}");
    return body is null ? Results.BadRequest(new { error = "invalid_grant", error_description = error }) : Results.Bytes(body, "application/json");
});

await app.RunAsync();
