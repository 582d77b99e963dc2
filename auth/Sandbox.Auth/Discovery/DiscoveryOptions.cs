namespace Sandbox.Auth.Discovery;

/// <summary>
/// Pages that other modules serve and that SMART discovery publishes. The module that serves
/// a page (the fake EHR) sets its path here, so the authorization server references no page
/// module.
/// </summary>
public sealed class DiscoveryOptions
{
    /// <summary>
    /// The path of the page where a signed-in user sees which apps hold access on their behalf
    /// and revokes it, published as <c>management_endpoint</c>. Null leaves the field out of
    /// the discovery document.
    /// </summary>
    public string? ManagementPath { get; set; }
}
