using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.EhrUi.Launching;

/// <summary>Where the EHR opens a launched app.</summary>
[JsonConverter(typeof(NamedEnumConverter<OpenIn>))]
public enum OpenIn
{
    /// <summary>In an iframe under the EHR header and patient banner.</summary>
    Frame,

    /// <summary>In a new browser tab.</summary>
    NewTab,
}
