"""CT05: running and supervising the implementation of Chỉ thị 05-CT/TW in a provincial Party organization."""
