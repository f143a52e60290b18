package dev.chatwar.naive;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Registration and sign-in that check nothing: the token names the user, as the Node peer's does. */
@WebServlet({"/api/users", "/api/sessions"})
public class NaiveSignIn extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user;
        try {
            user = Json.createReader(request.getReader()).readObject().getString("user", null);
        } catch (JsonException | ClassCastException e) {
            user = null;
        }
        response.setContentType("application/json");
        if (user == null) {
            response.setStatus(400);
            response.getWriter().write("{\"code\":\"invalid_request\",\"message\":\"user is required\"}");
            return;
        }
        JsonObject answer = request.getServletPath().equals("/api/users")
                ? Json.createObjectBuilder().add("user", user).build()
                : Json.createObjectBuilder().add("user", user).add("token", BearerUser.PREFIX + user).build();
        response.setStatus(201);
        response.getWriter().write(answer.toString());
    }
}
