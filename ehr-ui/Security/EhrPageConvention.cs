using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Sandbox.EhrUi.Diagnostics;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Applies <see cref="FrameProtectionFilter"/>, <see cref="SignInRequiredFilter"/>,
/// <see cref="AntiforgeryFailureFilter"/>, <see cref="UnknownHandlerFilter"/>,
/// <see cref="PatientPersonaFilter"/> and <see cref="ServerTimingFilter"/> to the pages of this
/// library only, so that pages other modules add to the same application keep their own
/// framing and sign-in rules. The admin pages also get <see cref="AdminKeyRequiredFilter"/>.
/// </summary>
public sealed class EhrPageConvention : IPageApplicationModelConvention
{
    // App registration, editing and deletion, the launch options every later launch of an app
    // uses (skip consent and simulated errors among them), and data import and reset.
    private static readonly string[] AdminPages = ["/Apps/AppEdit", "/Apps/LaunchOptions", "/Data/Data"];

    public void Apply(PageApplicationModel model)
    {
        if (model.HandlerType.Assembly != typeof(EhrPageConvention).Assembly)
            return;

        model.Filters.Add(new FrameProtectionFilter());
        model.Filters.Add(new SignInRequiredFilter());
        model.Filters.Add(new AntiforgeryFailureFilter());
        model.Filters.Add(new UnknownHandlerFilter());
        model.Filters.Add(new PatientPersonaFilter());
        model.Filters.Add(new ServerTimingFilter());
        if (AdminPages.Contains(model.ViewEnginePath, StringComparer.Ordinal))
            model.Filters.Add(new AdminKeyRequiredFilter());
    }
}
