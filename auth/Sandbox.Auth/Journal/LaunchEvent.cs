namespace Sandbox.Auth.Journal;

/// <summary>One step of a launch, with the reason in plain words.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Step">The protocol step, such as <c>authorize</c>, <c>token</c> or <c>fhir</c>.</param>
/// <param name="Outcome">Passed, failed, a warning or informational.</param>
/// <param name="Message">What was checked or decided and why.</param>
public sealed record LaunchEvent(DateTimeOffset At, string Step, LaunchEventOutcome Outcome, string Message);
