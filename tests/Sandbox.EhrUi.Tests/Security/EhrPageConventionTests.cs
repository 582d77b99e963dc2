using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Pages.Chart;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Tests.Security;

public sealed class EhrPageConventionTests
{
    [Fact]
    public void Apply_EhrPage_AddsFrameProtection()
    {
        var model = PageModelOf(typeof(PatientChartModel));

        new EhrPageConvention().Apply(model);

        Assert.Single(model.Filters.OfType<FrameProtectionFilter>());
    }

    [Fact]
    public void Apply_OtherModulePage_LeavesFiltersAlone()
    {
        var model = PageModelOf(typeof(OtherModulePage));

        new EhrPageConvention().Apply(model);

        Assert.Empty(model.Filters.OfType<FrameProtectionFilter>());
    }

    private static PageApplicationModel PageModelOf(Type handlerType) =>
        new(new PageActionDescriptor(), handlerType.GetTypeInfo(), []);

    private sealed class OtherModulePage : PageModel;
}
