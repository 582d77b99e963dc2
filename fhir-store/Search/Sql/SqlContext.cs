using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>The parameters and table aliases of one SQL statement being built.</summary>
internal sealed class SqlContext
{
    private int _aliasCount;

    public List<SqliteParameter> Parameters { get; } = [];

    /// <summary>Adds a bound value and returns its placeholder.</summary>
    public string Add(object? value)
    {
        var name = "$p" + Parameters.Count;
        Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        return name;
    }

    /// <summary>Returns a table alias not used elsewhere in the statement.</summary>
    public string NewAlias(string prefix) => prefix + _aliasCount++;

    public void Bind(SqliteCommand command)
    {
        foreach (var parameter in Parameters)
            command.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
    }
}
