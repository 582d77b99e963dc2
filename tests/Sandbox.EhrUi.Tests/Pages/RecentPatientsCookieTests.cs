using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;
using Sandbox.EhrUi.Pages.Patients;

namespace Sandbox.EhrUi.Tests.Pages;

public sealed class RecentPatientsCookieTests
{
    private readonly RecentPatientsCookie _cookie = new(
        new EphemeralDataProtectionProvider(),
        NullLogger<RecentPatientsCookie>.Instance);

    [Fact]
    public void Add_ReopenedPatient_MovesToTop()
    {
        RecentPatient[] patients = [Recent("a"), Recent("b"), Recent("c")];

        var result = RecentPatientsCookie.Add(patients, Recent("b"));

        Assert.Equal(["b", "a", "c"], result.Select(p => p.Id));
    }

    [Fact]
    public void Add_FullList_DropsOldest()
    {
        var patients = Enumerable.Range(0, RecentPatientsCookie.MaxPatients).Select(i => Recent($"p{i}")).ToList();

        var result = RecentPatientsCookie.Add(patients, Recent("new"));

        Assert.Equal(RecentPatientsCookie.MaxPatients, result.Count);
        Assert.Equal("new", result[0].Id);
        Assert.DoesNotContain(result, p => p.Id == $"p{RecentPatientsCookie.MaxPatients - 1}");
    }

    [Fact]
    public void Remember_ThenRead_ReturnsPatients()
    {
        var first = new DefaultHttpContext();
        _cookie.Remember(first, Recent("a"));
        var second = WithCookieFrom(first);
        _cookie.Remember(second, Recent("b"));

        var read = _cookie.Read(WithCookieFrom(second).Request);

        Assert.Equal(["b", "a"], read.Select(p => p.Id));
        Assert.Equal("Name b", read[0].Name);
    }

    [Fact]
    public void Remember_Cookie_IsHttpOnlyAndLax()
    {
        var context = new DefaultHttpContext();

        _cookie.Remember(context, Recent("a"));

        var header = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        Assert.True(header.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, header.SameSite);
        Assert.DoesNotContain("Name a", header.Value.ToString());
    }

    [Fact]
    public void Read_TamperedCookie_ReturnsEmpty()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{RecentPatientsCookie.CookieName}=bm90LXByb3RlY3RlZA";

        var read = _cookie.Read(context.Request);

        Assert.Empty(read);
    }

    private static DefaultHttpContext WithCookieFrom(DefaultHttpContext previous)
    {
        var header = SetCookieHeaderValue.Parse(previous.Response.Headers.SetCookie.ToString());
        var next = new DefaultHttpContext();
        next.Request.Headers.Cookie = $"{header.Name}={header.Value}";
        return next;
    }

    private static RecentPatient Recent(string id) => new(id, $"Name {id}", "1 Jan 1990");
}
