#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace RebuildRadar {

// What went wrong, in terms callers can act on; ui/ and the CLI turn it into words.
enum class ErrorCode
{
    InvalidInput,
    Network,
    NotFound,
    AuthFailed,
    RateLimited,
    Protocol,
    DigestMismatch,
    TooLarge,
    Database,
    Io,
    Cancelled,
    Timeout, // no complete answer within the time a check may take
};

struct Error
{
    ErrorCode code = ErrorCode::Protocol;
    QString message;
};

// A value or an Error: the return type of every fallible core function.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{};
using Status = Result<Ok>;

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace RebuildRadar
