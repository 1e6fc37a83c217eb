using System.Collections;
using System.Reflection;

namespace Serverless.Infrastructure.Tests;

/// <summary>
/// One bindable leaf of an options type as a setting name pattern, the way Microsoft.Extensions.Configuration binds
/// it: a property is a segment, a dictionary key is <see cref="AnyKey"/>, a list index is <see cref="AnyIndex"/>.
/// E.g. <c>Pipeline__Providers__*__Endpoint</c> (a <see cref="Uri"/>).
/// </summary>
internal sealed record SettingPattern(IReadOnlyList<string> Segments, Type LeafType, Type OptionsType)
{
    public const string AnyKey = "*";
    public const string AnyIndex = "#";

    public override string ToString() => string.Join("__", Segments);

    public bool Matches(IReadOnlyList<string> name)
    {
        if (name.Count != Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < name.Count; i++)
        {
            var ok = Segments[i] switch
            {
                AnyKey => name[i].Length > 0,
                AnyIndex => name[i].Length > 0 && name[i].All(char.IsAsciiDigit),
                var segment => string.Equals(segment, name[i], StringComparison.OrdinalIgnoreCase),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static IEnumerable<SettingPattern> Walk(Type type, IReadOnlyList<string> prefix, Type optionsType)
    {
        if (IsScalar(type))
        {
            yield return new SettingPattern(prefix, Nullable.GetUnderlyingType(type) ?? type, optionsType);
            yield break;
        }

        if (DictionaryValueType(type) is { } value)
        {
            foreach (var pattern in Walk(value, [.. prefix, AnyKey], optionsType))
            {
                yield return pattern;
            }

            yield break;
        }

        if (ListItemType(type) is { } item)
        {
            foreach (var pattern in Walk(item, [.. prefix, AnyIndex], optionsType))
            {
                yield return pattern;
            }

            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The binder sets scalars through a setter and fills complex members in place; computed values and delegates are not settings.
            var bindable = property.GetIndexParameters().Length == 0
                && !typeof(Delegate).IsAssignableFrom(property.PropertyType)
                && (property.SetMethod is { IsPublic: true } || !IsScalar(property.PropertyType));
            if (!bindable)
            {
                continue;
            }

            foreach (var pattern in Walk(property.PropertyType, [.. prefix, property.Name], optionsType))
            {
                yield return pattern;
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);
    }

    private static Type? DictionaryValueType(Type type) => type.GetInterfaces().Append(type)
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
        .Select(i => i.GetGenericArguments()[1])
        .FirstOrDefault();

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;
}
