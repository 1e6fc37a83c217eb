using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serverless.Pipeline;

namespace Serverless.Infrastructure.Tests;

/// <summary>
/// What the deployed app reads, taken from its code: every options type (a type with a <c>SectionName</c>
/// constant) in <see cref="OptionsAssemblies"/>, walked property by property into setting-name patterns.
/// </summary>
internal static class AppConfiguration
{
    /// <summary>
    /// The assemblies whose options the function app binds: the pipeline library and the app's own code.
    /// When the app's code moves (functions/Serverless.App), name a type of that assembly here and change the
    /// ProjectReference in this project's csproj; nothing else in the tests names an assembly.
    /// </summary>
    public static readonly IReadOnlyList<Assembly> OptionsAssemblies =
    [
        typeof(PipelineOptions).Assembly,
        typeof(Serverless.App.AppOptions).Assembly,
    ];

    /// <summary>Each options type with its configuration section (':'-separated, as in code).</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes { get; } = OptionsAssemblies
        .SelectMany(a => a.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
        .Select(x => (x.Type, (string)x.Field!.GetRawConstantValue()!))
        .OrderBy(x => x.Item2, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every setting name pattern the options types bind (see <see cref="SettingPattern"/>).</summary>
    public static IReadOnlyList<SettingPattern> Patterns { get; } = OptionsTypes
        .SelectMany(o => SettingPattern.Walk(o.Type, o.Section.Split(':'), o.Type))
        .ToList();

    /// <summary>The pattern a setting name (<c>__</c>-separated, as app settings write it) binds to, if any.</summary>
    public static SettingPattern? Find(string settingName)
    {
        var segments = settingName.Split("__");
        return Patterns.FirstOrDefault(p => p.Matches(segments));
    }

    /// <summary>
    /// Settings the app cannot start without, given what is written: a <c>[Required]</c> property whose default is empty,
    /// in each options type and in each dictionary entry the settings create (e.g. a provider's Endpoint).
    /// </summary>
    public static IEnumerable<string> Required(IReadOnlyCollection<string> written) =>
        OptionsTypes.SelectMany(o => Required(Activator.CreateInstance(o.Type, nonPublic: true)!, o.Section.Split(':'), written));

    private static IEnumerable<string> Required(object instance, IReadOnlyList<string> prefix, IReadOnlyCollection<string> written)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || typeof(Delegate).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            string[] path = [.. prefix, property.Name];
            var value = property.GetValue(instance);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null && value is null or "")
            {
                yield return string.Join("__", path);
            }

            var patterns = SettingPattern.Walk(property.PropertyType, path, instance.GetType()).ToList();
            if (value is null || patterns.All(p => p.Segments.Count == path.Length))
            {
                continue; // a scalar
            }

            if (patterns.Any(p => p.Segments.Count > path.Length && p.Segments[path.Length] == SettingPattern.AnyKey)
                && property.PropertyType.GetGenericArguments() is [_, var entryType] && entryType.IsClass && entryType.GetConstructor(Type.EmptyTypes) is not null)
            {
                // One entry per key the settings write under this dictionary.
                var keys = written.Select(w => w.Split("__"))
                    .Where(w => w.Length > path.Length + 1 && w.Take(path.Length).SequenceEqual(path, StringComparer.OrdinalIgnoreCase))
                    .Select(w => w[path.Length])
                    .Distinct(StringComparer.OrdinalIgnoreCase);
                foreach (var key in keys)
                {
                    foreach (var name in Required(Activator.CreateInstance(entryType)!, [.. path, key], written))
                    {
                        yield return name;
                    }
                }
            }
            else if (!property.PropertyType.IsGenericType)
            {
                foreach (var name in Required(value, path, written))
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>
    /// Binds each options type from the given settings as the app does and runs the app's own validation on it
    /// (DataAnnotations on the options object, as ValidateDataAnnotations does, and every <c>IValidateOptions</c> of
    /// that type in <see cref="OptionsAssemblies"/>). A value ARM computes at deploy time is replaced by a valid
    /// placeholder of the property's type; literal values are bound as they are. Returns the failures.
    /// </summary>
    public static IReadOnlyList<string> Validate(IEnumerable<(string Name, string Value)> settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in settings)
        {
            if (Find(name) is { } pattern)
            {
                values[name.Replace("__", ":", StringComparison.Ordinal)] = AppSettings.IsExpression(value) ? Placeholder(pattern.LeafType) : value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var errors = new List<string>();
        foreach (var (type, section) in OptionsTypes)
        {
            object options;
            try
            {
                options = Activator.CreateInstance(type, nonPublic: true)!;
                configuration.GetSection(section).Bind(options, b => b.BindNonPublicProperties = false);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"{section}: {e.Message}");
                continue;
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(r => $"{section}: {r.ErrorMessage}"));
            }

            var validatorInterface = typeof(IValidateOptions<>).MakeGenericType(type);
            foreach (var validatorType in OptionsAssemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && validatorInterface.IsAssignableFrom(t)))
            {
                var validator = Activator.CreateInstance(validatorType, nonPublic: true)!;
                var result = (ValidateOptionsResult)validatorInterface.GetMethod(nameof(IValidateOptions<object>.Validate))!.Invoke(validator, [Options.DefaultName, options])!;
                if (result.Failed)
                {
                    errors.AddRange(result.Failures ?? [result.FailureMessage]);
                }
            }
        }

        return errors;
    }

    private static string Placeholder(Type type) =>
        type == typeof(Uri) ? "https://placeholder.invalid/"
        : type == typeof(bool) ? "true"
        : type.IsEnum ? Enum.GetNames(type)[0]
        : type == typeof(TimeSpan) ? "00:00:01"
        : type.IsPrimitive || type == typeof(decimal) ? "1"
        : "placeholder";
}
