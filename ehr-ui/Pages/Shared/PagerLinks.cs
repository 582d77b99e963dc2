namespace Sandbox.EhrUi.Pages.Shared;

/// <summary>The links of a pager. A null link is not shown.</summary>
public sealed record PagerLinks(string? Previous, string? Next);
