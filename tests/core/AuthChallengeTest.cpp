#include "registry/AuthChallenge.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

TEST(AuthChallenge, DockerHubBearer)
{
    const auto c = parseWwwAuthenticate(
        {"Bearer "
         "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/"
         "python:pull\""});
    ASSERT_EQ(c.size(), 1);
    EXPECT_EQ(c[0].scheme, QStringLiteral("bearer"));
    EXPECT_EQ(c[0].param(QStringLiteral("realm")), QStringLiteral("https://auth.docker.io/token"));
    EXPECT_EQ(c[0].param(QStringLiteral("service")), QStringLiteral("registry.docker.io"));
    EXPECT_EQ(c[0].param(QStringLiteral("scope")), QStringLiteral("repository:library/python:pull"));
}

TEST(AuthChallenge, CaseInsensitiveNamesBareValuesAndSpaces)
{
    const auto c = parseWwwAuthenticate({"BEARER  Realm = https://r.example/token , SERVICE=reg"});
    ASSERT_EQ(c.size(), 1);
    EXPECT_EQ(c[0].scheme, QStringLiteral("bearer"));
    EXPECT_EQ(c[0].param(QStringLiteral("realm")), QStringLiteral("https://r.example/token"));
    EXPECT_EQ(c[0].param(QStringLiteral("service")), QStringLiteral("reg"));
}

TEST(AuthChallenge, SeveralChallengesInOneHeaderAndAcrossHeaders)
{
    const auto c = parseWwwAuthenticate(
        {"Bearer realm=\"/token\",service=\"a,b\", Basic realm=\"x\"", "Negotiate abc123==, Basic realm=y"});
    ASSERT_EQ(c.size(), 4);
    EXPECT_EQ(c[0].scheme, QStringLiteral("bearer"));
    EXPECT_EQ(c[0].param(QStringLiteral("service")), QStringLiteral("a,b")); // comma inside quotes
    EXPECT_EQ(c[0].param(QStringLiteral("realm")), QStringLiteral("/token"));
    EXPECT_EQ(c[1].scheme, QStringLiteral("basic"));
    EXPECT_EQ(c[1].param(QStringLiteral("realm")), QStringLiteral("x"));
    EXPECT_EQ(c[2].scheme, QStringLiteral("negotiate"));
    EXPECT_EQ(c[3].scheme, QStringLiteral("basic"));
    EXPECT_EQ(c[3].param(QStringLiteral("realm")), QStringLiteral("y"));
}

TEST(AuthChallenge, EscapedQuotesAndScopesWithPorts)
{
    const auto c = parseWwwAuthenticate(
        {R"(Bearer realm="https://h/t",scope="repository:host:5000/a/b:pull,push",error="say \"no\"")"});
    ASSERT_EQ(c.size(), 1);
    EXPECT_EQ(c[0].param(QStringLiteral("scope")), QStringLiteral("repository:host:5000/a/b:pull,push"));
    EXPECT_EQ(c[0].param(QStringLiteral("error")), QStringLiteral("say \"no\""));
}

TEST(AuthChallenge, GarbageNeverCrashes)
{
    for (const QByteArray &junk :
         {QByteArray(""), QByteArray(",,,"), QByteArray("=\"\"=="), QByteArray("Bearer realm=\"unterminated"),
          QByteArray("\x01\x02\xff"), QByteArray(100000, '"')}) {
        const auto c = parseWwwAuthenticate({junk});
        for (const auto &challenge : c)
            EXPECT_FALSE(challenge.scheme.isEmpty());
    }
    const auto unterminated = parseWwwAuthenticate({"Bearer realm=\"unterminated"});
    ASSERT_EQ(unterminated.size(), 1);
    EXPECT_EQ(unterminated[0].param(QStringLiteral("realm")), QStringLiteral("unterminated"));
}
