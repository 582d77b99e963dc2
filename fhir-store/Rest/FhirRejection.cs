namespace Sandbox.FhirStore.Rest;

/// <summary>
/// The reason a FHIR request was rejected, set as a request feature where its OperationOutcome
/// is written, so that middleware around the store (the launch journal) can report it.
/// </summary>
/// <param name="StatusCode">The HTTP status of the rejection.</param>
/// <param name="Reason">The diagnostics of the OperationOutcome.</param>
public sealed record FhirRejection(int StatusCode, string Reason);
