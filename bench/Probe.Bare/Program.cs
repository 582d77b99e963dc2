using Probe.Bare;

// The smallest ASP.NET Core server that does what the sandbox's hot paths do: return a fixed
// JSON document, and read one resource's stored JSON bytes by id from SQLite.
// Usage: Probe.Bare --urls http://127.0.0.1:<port> --Probe:Database <path to SQLite file>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
var document = FixedDocument.Create();
var reader = new RawResourceReader(app.Configuration["Probe:Database"]);

app.MapGet("/json", () => Results.Bytes(document, "application/json"));
app.MapGet(
    "/raw/{type}/{id}",
    async (string type, string id, CancellationToken cancellationToken) =>
    {
        var body = await reader.ReadAsync(type, id, cancellationToken);
        return body is null ? Results.NotFound() : Results.Bytes(body, "application/fhir+json");
    });

await app.RunAsync();
